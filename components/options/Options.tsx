import { useEffect, useState } from 'preact/hooks';
import { SUGGESTED_SITES, sitePattern, siteLabel, type SiteAccess } from '../../lib/site/access';
import {
  disableSite,
  enableSite,
  readSiteAccess,
  runOnChosenSites,
  runOnEverySite,
  type PermissionsApi,
  type RemoveOutcome,
} from '../../lib/site/permissions';
import './options.css';

interface Props {
  permissions: PermissionsApi;
  /** Calls back whenever the granted permissions change (here or in the browser's UI). */
  watch(onChange: () => void): void;
  /** Opens the browser's own site access setting for this extension. */
  openBrowserSetting(): void;
}

/** The options page: run on every site, or only on the sites the user chose. */
export function Options({ permissions, watch, openBrowserSetting }: Props) {
  const [access, setAccess] = useState<SiteAccess | null>(null);
  const [needsBrowserSetting, setNeedsBrowserSetting] = useState(false);
  const [typed, setTyped] = useState('');
  const [invalid, setInvalid] = useState(false);

  useEffect(() => {
    const refresh = () => void readSiteAccess(permissions).then(setAccess);
    watch(refresh);
    refresh();
  }, [permissions, watch]);

  const removed = (outcome: RemoveOutcome) => setNeedsBrowserSetting(outcome === 'browser-setting');
  // Each request runs in the click's own task: the browser asks only during a user gesture.
  const add = (pattern: string) => void enableSite(permissions, pattern);
  const submit = (event: Event) => {
    event.preventDefault();
    const pattern = sitePattern(/^[a-z]+:\/\//i.test(typed) ? typed : `https://${typed.trim()}`);
    setInvalid(pattern === null);
    if (pattern === null) return;
    add(pattern);
    setTyped('');
  };

  if (!access) return <main class="options" />;
  const suggestions = SUGGESTED_SITES.filter((site) => !access.sites.includes(site));
  return (
    <main class="options">
      <h1>Lean DevTools: where it runs</h1>
      <fieldset>
        <legend>Sites</legend>
        <label>
          <input
            type="radio"
            name="mode"
            id="mode-all-sites"
            checked={access.mode === 'all-sites'}
            onChange={() => {
              setNeedsBrowserSetting(false);
              void runOnEverySite(permissions);
            }}
          />{' '}
          Run on every site
        </label>
        <p class="muted">Any page can use the Lean SDK, in any frame: nothing to set up.</p>
        <label>
          <input
            type="radio"
            name="mode"
            id="mode-chosen-sites"
            checked={access.mode === 'chosen-sites'}
            onChange={() => void runOnChosenSites(permissions).then(removed)}
          />{' '}
          Run only on sites I choose
        </label>
        <p class="muted">The extension has no access to other sites: it does not run there and sees none of their requests.</p>
      </fieldset>
      {needsBrowserSetting && (
        <p id="browser-setting" class="notice" role="status">
          This browser keeps that choice in its own settings: under <strong>Site access</strong>, choose{' '}
          <strong>On specific sites</strong>. Sites you enable here are added there.{' '}
          <button type="button" class="link" onClick={openBrowserSetting}>
            Open the extension’s settings
          </button>
        </p>
      )}
      <section>
        <h2>Chosen sites</h2>
        {access.mode === 'all-sites' && <p class="muted">Used when the extension runs only on sites you choose.</p>}
        {suggestions.length > 0 && (
          <p class="suggestions">
            {suggestions.map((site) => (
              <button type="button" key={site} class="suggestion" data-site={site} onClick={() => add(site)}>
                Enable {siteLabel(site)}
              </button>
            ))}
          </p>
        )}
        <ul id="site-list">
          {access.sites.map((site) => (
            <li key={site} data-site={site}>
              <span>{siteLabel(site)}</span>
              <button type="button" onClick={() => void disableSite(permissions, site).then(removed)}>
                Remove
              </button>
            </li>
          ))}
        </ul>
        <form onSubmit={submit}>
          <label for="site-input">Add a site</label>{' '}
          <input
            id="site-input"
            value={typed}
            placeholder="shop.example.com"
            onInput={(e) => setTyped((e.target as HTMLInputElement).value)}
          />{' '}
          <button type="submit">Enable</button>
          {invalid && <span class="bad"> Not a web address.</span>}
        </form>
      </section>
    </main>
  );
}
