/**
 * Support triage: the support report (`buildSupportReport`), finding a call by correlation ID,
 * and shaping what Export writes (filtered rows, personal data left out).
 */
export { buildSupportReport, reportFileName, utc, MAX_TABLE_CALLS, MAX_JSON } from './build';
export type { RecordedWith, ReportInput, ReportOptions, ReportSession, ReportSource } from './build';
export { correlationIdsOf, correlationQuery, findByCorrelationId } from './correlation';
export type { CorrelationMatch } from './correlation';
export { eventsOfRows, shapeExport } from './export-shape';
export type { ExportOptionsField, ExportRequest, ShapedSessionFile } from './export-shape';
export { isPersonalKey, leaveOutPersonal, PERSONAL_MARKER } from '../privacy/personal';
