/**
 * The file name pattern exports use until the user sets their own (lib/files.ts fills it). Apart
 * from lib/files.ts so the storage items, which every page loads, carry this line and not the
 * name builder and its checks.
 */
export const DEFAULT_FILE_NAME_PATTERN = 'leankit-{account}-{report}-{board}-{date}-{time}';
