export function OrganizationScreen() {
  return <div>OrganizationScreen</div>;
}
