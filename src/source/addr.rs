//! Address policy: which URLs and resolved addresses a fetch may reach —
//! http and https only, and (when `refuse_private_addresses` is on) no
//! loopback, private, link-local or otherwise non-public address. Name
//! lookups go through [`PublicOnlyResolver`], so every hop of a redirect is
//! re-resolved and re-checked; IP literals are checked by [`check_url`].

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use url::{Host, Url};

/// The message of a refused address; fetch errors are classified by it.
pub const REFUSED: &str = "refused non-public address";

/// Whether an address is on the public internet. Loopback, private
/// (RFC 1918, fc00::/7), link-local, CGNAT (100.64/10), unspecified,
/// broadcast, documentation and multicast addresses are not.
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => public_v4(v4),
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return public_v4(v4);
            }
            let seg0 = v6.segments()[0];
            !(v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (seg0 & 0xfe00) == 0xfc00 // unique local
                || (seg0 & 0xffc0) == 0xfe80 // link-local
                || (seg0 == 0x2001 && v6.segments()[1] == 0x0db8)) // documentation
        }
    }
}

fn public_v4(ip: Ipv4Addr) -> bool {
    let [a, b, ..] = ip.octets();
    !(ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local()
        || ip.is_unspecified()
        || ip.is_broadcast()
        || ip.is_documentation()
        || ip.is_multicast()
        || a == 0
        || (a == 100 && (64..128).contains(&b)) // CGNAT
        || a >= 240)
}

/// Checks a URL before it is requested (and at every redirect hop): the
/// scheme, and an IP-literal host when private addresses are refused.
pub fn check_url(url: &Url, refuse_private: bool) -> Result<(), String> {
    if !matches!(url.scheme(), "http" | "https") {
        return Err(format!("a {}: URL is not fetched", url.scheme()));
    }
    if refuse_private {
        let ip = match url.host() {
            Some(Host::Ipv4(v4)) => Some(IpAddr::V4(v4)),
            Some(Host::Ipv6(v6)) => Some(IpAddr::V6(v6)),
            Some(Host::Domain(d)) if d.eq_ignore_ascii_case("localhost") => {
                Some(IpAddr::V6(Ipv6Addr::LOCALHOST))
            }
            _ => None,
        };
        if let Some(ip) = ip.filter(|ip| !is_public(*ip)) {
            return Err(format!("{REFUSED} {ip}"));
        }
    }
    Ok(())
}

/// A resolver that drops non-public addresses and fails when none is left,
/// so a public name that resolves to 127.0.0.1 or 10.x cannot be reached.
#[derive(Debug, Default, Clone, Copy)]
pub struct PublicOnlyResolver;

impl Resolve for PublicOnlyResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let host = name.as_str().to_owned();
        Box::pin(async move {
            let found: Vec<SocketAddr> =
                tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            let public: Vec<SocketAddr> = found
                .iter()
                .copied()
                .filter(|a| is_public(a.ip()))
                .collect();
            if public.is_empty() {
                let msg = match found.first() {
                    Some(a) => format!("{REFUSED} {} for {host}", a.ip()),
                    None => format!("no address for {host}"),
                };
                return Err(msg.into());
            }
            let addrs: Addrs = Box::new(public.into_iter());
            Ok(addrs)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_and_private_addresses() {
        for (ip, public) in [
            ("93.184.216.34", true),
            ("8.8.8.8", true),
            ("127.0.0.1", false),
            ("127.0.0.2", false),
            ("10.1.2.3", false),
            ("172.16.0.1", false),
            ("192.168.1.1", false),
            ("169.254.169.254", false),
            ("100.64.0.1", false),
            ("0.0.0.0", false),
            ("255.255.255.255", false),
            ("2606:2800:220:1::1", true),
            ("::1", false),
            ("fd00::1", false),
            ("fe80::1", false),
            ("::ffff:127.0.0.1", false),
            ("::ffff:8.8.8.8", true),
        ] {
            let ip: IpAddr = ip.parse().expect("test address");
            assert_eq!(is_public(ip), public, "{ip}");
        }
    }

    #[test]
    fn urls() {
        for (url, refuse, ok) in [
            ("http://127.0.0.1/", false, true),
            ("http://127.0.0.1/", true, false),
            ("http://[::1]:8080/", true, false),
            ("http://localhost/", true, false),
            ("https://example.org/", true, true),
            ("file:///etc/passwd", false, false),
            ("ftp://example.org/", false, false),
        ] {
            let u = Url::parse(url).expect("test URL");
            assert_eq!(check_url(&u, refuse).is_ok(), ok, "{url} refuse={refuse}");
        }
    }
}
