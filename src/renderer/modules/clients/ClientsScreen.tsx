export function ClientsScreen() {
  return <div>ClientsScreen</div>;
}
