import type { RecordedWith, ReportSource } from '../../lib/report/build';

/** What a support report says about where its data comes from (given by the page that mounts the panel). */
export interface ReportContext {
  recordedWith: RecordedWith;
  source: ReportSource;
  /** `Lean DevTools 0.1.0` */
  generator: string;
}

export const UNKNOWN_REPORT_CONTEXT: ReportContext = {
  recordedWith: { extensionVersion: 'unknown', browser: 'unknown' },
  source: { kind: 'live' },
  generator: 'Lean DevTools',
};
