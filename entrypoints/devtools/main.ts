import { browser } from 'wxt/browser';

void browser.devtools.panels.create('Lean', '/icon/32.png', '/panel.html');
