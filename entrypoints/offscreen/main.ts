import { ExportBuilds } from '@/lib/jobs/exportBuilds';
import { rowPipelineConverter } from '@/lib/jobs/rowConverter';
import { serveExportBuilds } from '@/lib/jobs/serveExportBuilds';

// Chrome: fetches exports and builds their files, as the service worker cannot make blob: URLs.
serveExportBuilds(new ExportBuilds(globalThis.fetch.bind(globalThis), rowPipelineConverter));
