// `key=value` pairs, as the CLI's --param flags and the page's bug-hunt form write them.

/** Values are JSON where they parse as JSON (`heartbeatMs=50`, `preVote=true`), strings
 * otherwise (`bug=vote-twice`). Throws an Error naming the pair that has no `=`. */
export function parseParamPairs(pairs: readonly string[]): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new Error(`--param takes key=value, not "${pair}"`);
    const text = pair.slice(at + 1);
    let value: unknown = text;
    try {
      value = JSON.parse(text);
    } catch {
      // not JSON: the value is the string as written
    }
    params[pair.slice(0, at).trim()] = value;
  }
  return params;
}
