import { serveZipWorker, type WorkerScope } from '@/lib/xlsx/zipWorker';

// A dedicated worker of XLSX exports: compresses the sheets' XML (lib/jobs/workbookWorkers.ts). The
// project's types are a page's; here `self` is the worker's scope.
export default defineUnlistedScript(() => serveZipWorker(self as unknown as WorkerScope));
