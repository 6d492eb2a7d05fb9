import { keptOpenLimit, registerPool, type Sheddable } from './file-descriptors.js';
import { closeFd, openForAppend } from './sync-append.js';

/** How a store runs work on one of its keys after what is already queued there. */
export interface KeyQueue {
  /** Work is queued on the key (or running). */
  busy(key: string): boolean;
  /** Run `work` after everything queued on the key. */
  after(key: string, work: () => Promise<void>): Promise<void>;
}

/**
 * Append descriptors of recently written files, kept open so a write is one append rather than
 * open + append + close; least recently used first. The oldest is closed when the limit is
 * reached, after whatever is queued on its key (a write in flight keeps its descriptor). When the
 * process runs out of descriptors, every pool closes its older half (see file-descriptors.ts).
 */
export class OpenFiles implements Sheddable {
  private readonly fds = new Map<string, number>();
  private readonly limit: number;

  constructor(
    wanted: number,
    private readonly fileOf: (key: string) => string,
    private readonly queue: KeyQueue,
  ) {
    this.limit = keptOpenLimit(wanted);
    registerPool(this);
  }

  get(key: string): number | undefined {
    return this.fds.get(key);
  }

  keys(): string[] {
    return [...this.fds.keys()];
  }

  /** Mark a descriptor most recently used (unless it was let go meanwhile: its close is queued behind this write). */
  touch(key: string, fd: number): void {
    if (this.fds.get(key) !== fd) return;
    this.fds.delete(key);
    this.fds.set(key, fd);
  }

  /** The key's open descriptor, opening (creating) its file if needed; call in the key's order. */
  async open(key: string): Promise<number> {
    const open = this.fds.get(key);
    if (open !== undefined) return open;
    const fd = await openForAppend(this.fileOf(key));
    if (this.fds.size >= this.limit) this.closeOldest();
    this.fds.set(key, fd);
    return fd;
  }

  /** Let go of the least recently used descriptor (once the work queued on its key is done). */
  private closeOldest(): void {
    const [oldestKey, oldest] = this.fds.entries().next().value as [string, number];
    this.fds.delete(oldestKey);
    if (this.queue.busy(oldestKey)) void this.queue.after(oldestKey, async () => closeFd(oldest)).catch(() => undefined);
    else closeFd(oldest);
  }

  shed(): void {
    const count = Math.ceil(this.fds.size / 2);
    for (let i = 0; i < count; i++) this.closeOldest();
  }

  /** Close a key's descriptor before its file is replaced or removed (in the key's order). */
  release(key: string): void {
    const fd = this.fds.get(key);
    if (fd === undefined) return;
    this.fds.delete(key);
    closeFd(fd);
  }
}
