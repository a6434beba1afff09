/** Tests use the browsers installed on the machine; puppeteer must never download its own. */
module.exports = { skipDownload: true };
