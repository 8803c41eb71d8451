import type { KeyValueArea } from '../../../lib/background/store';

/** An in-memory stand-in for `storage.session`, copying values like the real one does. */
export class MemoryArea implements KeyValueArea {
  readonly data = new Map<string, string>();

  async get(keys: string[] | null): Promise<Record<string, unknown>> {
    const out: Record<string, unknown> = {};
    for (const key of keys ?? [...this.data.keys()]) {
      const value = this.data.get(key);
      if (value !== undefined) out[key] = JSON.parse(value);
    }
    return out;
  }

  async set(items: Record<string, unknown>): Promise<void> {
    for (const [key, value] of Object.entries(items)) this.data.set(key, JSON.stringify(value));
  }

  async remove(keys: string[]): Promise<void> {
    for (const key of keys) this.data.delete(key);
  }
}
