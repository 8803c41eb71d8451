import { render } from 'preact';
import { Viewer } from './Viewer';

/** Mounts the file viewer (`panel.html` opened without `tabId`). */
export function mountViewer(root: HTMLElement, options: { generator: string }): void {
  render(<Viewer generator={options.generator} />, root);
}
