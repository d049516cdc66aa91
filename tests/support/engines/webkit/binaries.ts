/** Debian's WebKitGTK build and what runs around it; nothing here is downloaded. */

export const WEBKIT_WEBDRIVER = '/usr/bin/WebKitWebDriver';
export const XVFB = '/usr/bin/Xvfb';
export const MINIBROWSER = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

export const REQUIRED_BINARIES = [
  { path: WEBKIT_WEBDRIVER, name: 'WebKitWebDriver' },
  { path: XVFB, name: 'Xvfb' },
  { path: MINIBROWSER, name: 'MiniBrowser' },
] as const;

export const INSTALL_HINT = 'apt-get install webkit2gtk-driver xvfb';
