/** The helpers rss-parser's parser calls through this module's exports object (lib/utils.js, no types of its own). */
declare module 'rss-parser/lib/utils.js' {
  const utils: { getSnippet: (html: string) => string };
  export default utils;
}
