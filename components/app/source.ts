import type { ReadonlySignal } from '@preact/signals';
import type { ComponentChildren } from 'preact';
import type { ActiveOverride, TabSession } from '../../lib/protocol';
import type { ExportRequest } from '../../lib/report/export-shape';

/** A session as the panel shows it, from a live tab or from a file. */
export type ShownSession = Omit<TabSession, 'tabId'>;

/** A tab's session as it happens: it can reconnect, be exported and be cleared. */
export interface LiveTabSource {
  kind: 'tab';
  session: ReadonlySignal<ShownSession | null>;
  connected: ReadonlySignal<boolean>;
  /** Downloads the session; `request` (support triage): only the filtered rows? personal data? */
  onExport(request: ExportRequest): void;
  onClear(): void;
  /** The tab's outcome overrides, and setting (`spec`) or clearing (null) one. */
  overrides: ReadonlySignal<readonly ActiveOverride[]>;
  onOverride(method: string, spec: string | null, once: boolean): void;
}

/** An imported file, read-only: nothing in it is live, and nothing can change it. */
export interface FileSource {
  kind: 'file';
  /** Null only before a file is read. */
  session: ReadonlySignal<ShownSession | null>;
  /** The file's name, which fixtures made from it name as their source. */
  name: string;
  /** Names the file in the toolbar: which one, when it was exported, by which version, what it left out. */
  label: ComponentChildren;
  /** Session-level rules read SDK calls; a HAR file holds none. */
  sessionRules: boolean;
}

/** Where the panel's session comes from. */
export type PanelSource = LiveTabSource | FileSource;
