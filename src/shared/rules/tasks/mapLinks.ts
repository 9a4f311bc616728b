/**
 * Links that open an address in a map: the `geo:` URI opens the phone's own map app (Android, and iOS map apps that
 * register it), OpenStreetMap's search works in any browser. The address is the query: no geocoding is needed.
 */
export function mapLinks(address: string): { geo: string; osm: string } {
  const q = encodeURIComponent(address.replace(/\s+/g, ' ').trim());
  return { geo: `geo:0,0?q=${q}`, osm: `https://www.openstreetmap.org/search?query=${q}` };
}
