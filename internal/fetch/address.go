package fetch

import (
	"net/netip"
	"strings"
)

// blockedPrefix is a range of addresses that is not the public internet,
// with the reason people will read in the error.
type blockedPrefix struct {
	prefix netip.Prefix
	reason string
}

var blockedPrefixes = func() []blockedPrefix {
	table := []struct{ cidr, reason string }{
		{"0.0.0.0/8", "\"this network\" address"},
		{"10.0.0.0/8", "private address (RFC 1918)"},
		{"100.64.0.0/10", "carrier-grade NAT address (RFC 6598)"},
		{"127.0.0.0/8", "loopback address"},
		{"169.254.0.0/16", "link-local address (includes the cloud metadata service 169.254.169.254)"},
		{"172.16.0.0/12", "private address (RFC 1918)"},
		{"192.0.0.0/24", "IETF protocol address (includes cloud metadata services)"},
		{"192.0.2.0/24", "documentation address"},
		{"192.168.0.0/16", "private address (RFC 1918)"},
		{"198.18.0.0/15", "benchmarking address"},
		{"198.51.100.0/24", "documentation address"},
		{"203.0.113.0/24", "documentation address"},
		{"224.0.0.0/4", "multicast address"},
		{"240.0.0.0/4", "reserved address (includes broadcast)"},
		{"::/96", "unspecified, loopback or IPv4-compatible address"},
		{"100::/64", "discard-only address"},
		{"2001::/32", "Teredo tunnel address"},
		{"2001:db8::/32", "documentation address"},
		{"fc00::/7", "unique local (private) address (includes the cloud metadata service fd00:ec2::254)"},
		{"fe80::/10", "link-local address"},
		{"fec0::/10", "site-local address"},
		{"ff00::/8", "multicast address"},
	}
	out := make([]blockedPrefix, len(table))
	for i, e := range table {
		out[i] = blockedPrefix{netip.MustParsePrefix(e.cidr), e.reason}
	}
	return out
}()

// Prefixes that carry an IPv4 address inside an IPv6 one: the embedded
// address is what the packets finally reach, so it is judged instead.
var (
	nat64Prefix  = netip.MustParsePrefix("64:ff9b::/96")
	sixToFour    = netip.MustParsePrefix("2002::/16")
	nat64Local   = netip.MustParsePrefix("64:ff9b:1::/48")
	mappedPrefix = netip.MustParsePrefix("::ffff:0:0/96")
)

// BlockReason says why ip is not a public internet address, or "" when it
// is one. Fetching outside URLs must never reach the machine itself, the
// local network or a cloud metadata service, whatever a URL, a DNS answer
// or a redirect says.
func BlockReason(ip netip.Addr) string {
	if !ip.IsValid() {
		return "invalid address"
	}
	ip = ip.WithZone("")
	if mappedPrefix.Contains(ip) {
		if r := BlockReason(ip.Unmap()); r != "" {
			return "IPv4-mapped " + r
		}
		return ""
	}
	if ip.Is6() {
		b := ip.As16()
		switch {
		case nat64Prefix.Contains(ip):
			if r := BlockReason(netip.AddrFrom4([4]byte(b[12:16]))); r != "" {
				return "NAT64 form of a " + r
			}
		case sixToFour.Contains(ip):
			if r := BlockReason(netip.AddrFrom4([4]byte(b[2:6]))); r != "" {
				return "6to4 form of a " + r
			}
		case nat64Local.Contains(ip):
			return "local-use NAT64 address"
		}
	}
	for _, p := range blockedPrefixes {
		if p.prefix.Contains(ip) {
			return p.reason
		}
	}
	return ""
}

// blockedNames are host names that reach the machine itself or a cloud
// metadata service whatever DNS says. The address check after resolution
// would refuse them too; naming them first gives a clearer error and
// covers resolvers that answer them with a public address by mistake.
var blockedNames = map[string]string{
	"localhost":                  "the local machine",
	"metadata":                   "a cloud metadata service",
	"metadata.google.internal":   "a cloud metadata service",
	"metadata.goog":              "a cloud metadata service",
	"instance-data":              "a cloud metadata service",
	"instance-data.ec2.internal": "a cloud metadata service",
	"metadata.azure.com":         "a cloud metadata service",
}

// hostBlockReason judges a URL's host before any connection: a blocked
// name, or a literal address that BlockReason refuses.
func hostBlockReason(host string) string {
	h := strings.TrimSuffix(strings.ToLower(host), ".")
	if r, ok := blockedNames[h]; ok {
		return "names " + r
	}
	if strings.HasSuffix(h, ".localhost") {
		return "names the local machine"
	}
	if ip, err := netip.ParseAddr(strings.Trim(h, "[]")); err == nil {
		return BlockReason(ip)
	}
	return ""
}
