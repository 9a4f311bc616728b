export function UsersScreen() {
  return <div>UsersScreen</div>;
}
