export function AuditScreen() {
  return <div>AuditScreen</div>;
}
