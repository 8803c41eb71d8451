/**
 * One line per target on stderr: on a TTY a spinner while the target runs, replaced by its
 * result; in CI (no TTY) a plain line when it starts and one when it ends. Each line's text
 * (target names and errors are page or config text) goes through the terminal sanitiser; only
 * the spinner's own escape sequences are written around it.
 */
import type { Writable } from 'node:stream';
import type { AuditProgress } from '../lib/audit/run-audit';
import type { TargetReport } from '../lib/audit/report';
import { terminalLine } from '../lib/report/terminal';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

function outcome(target: TargetReport): string {
  const count = (severity: string) => target.findings.filter((f) => !f.baselined && f.severity === severity).length;
  const seconds = (target.durationMs / 1000).toFixed(1);
  if (target.status === 'failed') return `failed: ${target.error} (${seconds} s)`;
  return `${target.calls} call(s), ${count('error')} error(s), ${count('warning')} warning(s) (${seconds} s)`;
}

export function createProgress(stream: Writable & { isTTY?: boolean }): AuditProgress {
  let timer: ReturnType<typeof setInterval> | undefined;
  if (!stream.isTTY) {
    return {
      targetStarted: (target, i, n) => stream.write(`${terminalLine(`[${i + 1}/${n}] ${target.name} …`)}\n`),
      targetFinished: (target, i, n) => stream.write(`${terminalLine(`[${i + 1}/${n}] ${target.name}: ${outcome(target)}`)}\n`),
    };
  }
  return {
    targetStarted(target, i, n) {
      let frame = 0;
      const line = terminalLine(`[${i + 1}/${n}] ${target.name}`);
      const draw = () => stream.write(`\r\x1b[2K${FRAMES[frame++ % FRAMES.length]} ${line}`);
      draw();
      timer = setInterval(draw, 80);
    },
    targetFinished(target, i, n) {
      clearInterval(timer);
      const mark = target.status === 'failed' ? '✖' : target.findings.some((f) => !f.baselined && f.severity === 'error') ? '✖' : '✔';
      stream.write(`\r\x1b[2K${mark} ${terminalLine(`[${i + 1}/${n}] ${target.name}: ${outcome(target)}`)}\n`);
    },
  };
}
