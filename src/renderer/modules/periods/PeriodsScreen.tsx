export function PeriodsScreen() {
  return <div>PeriodsScreen</div>;
}
