/** Storage ports and their adapters: lowdb files by default, memory for tests. */
export type * from './ports.js';
export { createLowdbStorage, type LowdbStorageOptions } from './lowdb/lowdb-storage.js';
export { DATA_FORMAT, DataFormatError } from './lowdb/data-format.js';
export { closeDataDirToOthers, type DataDirAccess, octalMode } from './lowdb/data-dir-access.js';
export { DataDirInUseError, LOCK_FILE, lockDataDir } from './lowdb/data-dir-lock.js';
export { createMemoryStorage } from './memory/memory-storage.js';
export { BackupBusyError, backupDataDir, type BackupProgress, type BackupSummary, syncTree } from './lowdb/backup.js';
