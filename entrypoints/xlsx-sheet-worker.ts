import { serveSheetWorker } from '@/lib/jobs/sheetWorker';
import type { WorkerScope } from '@/lib/xlsx/zipWorker';

// A dedicated worker of XLSX exports: rows into sheet XML (lib/jobs/workbookWorkers.ts). The
// project's types are a page's; here `self` is the worker's scope.
export default defineUnlistedScript(() => serveSheetWorker(self as unknown as WorkerScope));
