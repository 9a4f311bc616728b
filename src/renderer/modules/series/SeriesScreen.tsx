export function SeriesScreen() {
  return <div>SeriesScreen</div>;
}
