import { BlobFiles, serveBlobFiles } from '@/lib/jobs/blobFiles';

// Builds processed exports as Blobs for the service worker, which has no URL.createObjectURL.
serveBlobFiles(new BlobFiles());
