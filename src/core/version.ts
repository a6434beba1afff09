/** This package's version, and the SDK's it was built and tested with (test/node/bundle.test.mjs keeps both true). */
export const VERSION = '0.1.0';
export const SDK_VERSION = '0.9.7';
