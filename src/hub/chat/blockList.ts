import net from 'node:net';

/**
 * An organization's blocked networks. A bare address is its own network (/32, /128); an IPv4 address reaching an
 * IPv6 socket (`::ffff:a.b.c.d`) is matched as the IPv4 address it is, so a v4 block cannot be walked around.
 */
export function normalizeCidr(input: string): string | null {
  const [addr, bits, extra] = input.trim().split('/');
  if (extra !== undefined || !addr) return null;
  const family = net.isIP(addr);
  if (family === 0) return null;
  const max = family === 4 ? 32 : 128;
  const prefix = bits === undefined ? max : /^\d{1,3}$/.test(bits) ? Number(bits) : NaN;
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > max) return null;
  return `${addr.toLowerCase()}/${prefix}`;
}

export function plainAddress(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  return mapped ? mapped[1]! : ip;
}

export function isBlocked(ip: string, networks: readonly string[]): boolean {
  if (networks.length === 0) return false;
  const address = plainAddress(ip);
  const family = net.isIP(address);
  if (family === 0) return false;
  const list = new net.BlockList();
  for (const cidr of networks) {
    const [addr, bits] = cidr.split('/');
    const type = net.isIP(addr!) === 4 ? 'ipv4' : 'ipv6';
    list.addSubnet(addr!, Number(bits), type);
  }
  return list.check(address, family === 4 ? 'ipv4' : 'ipv6');
}
