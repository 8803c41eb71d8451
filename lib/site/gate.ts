/**
 * Whether the extension may record a page, by the sites the user chose: the host permissions
 * the browser says it holds, not the access a tab was given for the moment. A toolbar click
 * grants the tab's site (`activeTab`), and then the browser runs our content scripts and
 * `webRequest` there too; in "Run only on sites I choose" that site still gets no recording,
 * no stored session and no header reading until the user enables it (docs/security.md, "Per-site mode").
 */
import { runsOn, siteAccess, type SiteAccess } from './access';

export class SiteGate {
  private access: Promise<SiteAccess> | null = null;

  /** `origins`: `permissions.getAll()`'s, read again after every `refresh()`. */
  constructor(private readonly origins: () => Promise<readonly string[]>) {}

  /** The granted sites changed (`permissions.onAdded` / `onRemoved`). */
  refresh(): void {
    this.access = null;
  }

  /** Whether a page at `url` (the tab's top-level address) may be recorded; unknown: only in all-sites mode. */
  async allows(url: string | undefined): Promise<boolean> {
    this.access ??= this.origins().then(siteAccess, () => siteAccess([]));
    const access = await this.access;
    if (access.mode === 'all-sites') return true;
    return url !== undefined && runsOn(access, url);
  }
}
