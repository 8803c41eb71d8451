import { render } from 'preact';
import { browser } from 'wxt/browser';
import { Options } from '../../components/options/Options';

const watch = (onChange: () => void) => {
  browser.permissions.onAdded.addListener(onChange);
  browser.permissions.onRemoved.addListener(onChange);
};
const openBrowserSetting = () => void browser.tabs.create({ url: `chrome://extensions/?id=${browser.runtime.id}` });

render(
  <Options permissions={browser.permissions} watch={watch} openBrowserSetting={openBrowserSetting} />,
  document.getElementById('root')!,
);
