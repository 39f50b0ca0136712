import { ExportBuilds } from '@/lib/jobs/exportBuilds';
import { rowPipelineConverter } from '@/lib/jobs/rowConverter';
import { serveExportBuilds } from '@/lib/jobs/serveExportBuilds';
import { workbookWorkers } from '@/lib/jobs/workbookWorkers';

// Chrome: fetches exports and builds their files, as the service worker cannot make blob: URLs.
// Workbooks are converted in workers of their own, off the main thread every extension page shares.
serveExportBuilds(
  new ExportBuilds(
    globalThis.fetch.bind(globalThis),
    workbookWorkers((script) => new Worker(`/${script}.js`), rowPipelineConverter),
  ),
);
