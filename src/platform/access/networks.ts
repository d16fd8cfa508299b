// Network restrictions per role: a role whose networks do not include the client's address does not take effect.
import { BlockList, isIP } from 'node:net';
import type { RoleAssignment } from './can.ts';

/** A parsed allow-list: true when an address is in one of the networks. */
export type NetworkAllowList = (address: string) => boolean;

/** Parses CIDR blocks and single addresses; throws on anything else so a typo cannot open a role to the world. */
export function parseAllowList(networks: readonly string[]): NetworkAllowList {
  const list = new BlockList();
  for (const n of networks) {
    const [address = '', prefix] = n.trim().split('/');
    const family = isIP(address);
    if (!family) throw new RangeError(`Not an IP network: ${n}`);
    const type = family === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(address, type);
    else {
      const bits = Number(prefix);
      if (!Number.isInteger(bits) || bits < 0 || bits > (family === 6 ? 128 : 32)) throw new RangeError(`Not an IP network: ${n}`);
      list.addSubnet(address, bits, type);
    }
  }
  return (address) => {
    const bare = address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
    const family = isIP(bare);
    return family !== 0 && list.check(bare, family === 6 ? 'ipv6' : 'ipv4');
  };
}

/** The assignments that take effect for a request from `address`, given each restricted role's allow-list. */
export function effectiveAssignments(
  assignments: readonly RoleAssignment[],
  restrictions: ReadonlyMap<string, NetworkAllowList>,
  address: string,
): RoleAssignment[] {
  return assignments.filter((a) => restrictions.get(a.role)?.(address) ?? true);
}
