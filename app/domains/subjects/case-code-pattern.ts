/**
 * The whole-string shape of a case code, for the validation schemas of every domain. Its own module
 * without Node imports, because those schemas also run in the browser.
 */
export const CASE_CODE_PATTERN =
  /^[0-9ABCDEFGHJKMNPQRSTVWXYZ]{4}-[0-9ABCDEFGHJKMNPQRSTVWXYZ]{4}-[0-9ABCDEFGHJKMNPQRSTVWXYZ]{4}$/;
