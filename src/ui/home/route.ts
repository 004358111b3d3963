// Which page an address opens: the home page (the labs as cards) when it names no lab, no shared
// run and no seed; the lab page otherwise. An embed always opens a lab.

/** Parameters that pick a lab or a run; any one of them opens the lab page. */
const LAB_KEYS = ['lab', 's', 'seed'];

export function showsHome(search: string): boolean {
  const params = new URLSearchParams(search);
  if (params.has('embed')) return false;
  return !LAB_KEYS.some((key) => params.has(key));
}

/** The link a card opens: the lab, by id (its defaults and a fresh run). */
export function labHref(id: string): string {
  return `?lab=${encodeURIComponent(id)}`;
}
