//! Who the client is, behind a reverse proxy.
//!
//! Throttling needs the address of the person's own machine. Behind a TLS-terminating proxy the
//! socket's address is the proxy's, for every resident at once; the proxy adds the address it saw
//! to `X-Forwarded-For`. That header can be forged by anyone, so it is only believed as far as
//! the hops that wrote it are trusted: starting from the socket, each trusted proxy vouches for
//! the hop before it, and the first hop that is not a trusted proxy is the client (the rightmost
//! untrusted one). Without configured proxies the header is ignored entirely.

use super::context::ClientAddress;
use super::state::AppState;
use axum::extract::{ConnectInfo, Request, State};
use axum::middleware::Next;
use axum::response::Response;
use ipnet::IpNet;
use std::net::{IpAddr, SocketAddr};

/// The proxies whose `X-Forwarded-For` is believed (the `TRUSTED_PROXIES` setting).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<IpNet>);

impl TrustedProxies {
    /// Addresses or networks, separated by commas or spaces: `127.0.0.1, 10.0.0.0/8, ::1`.
    pub fn parse(list: &str) -> Result<Self, String> {
        let mut networks = Vec::new();
        for item in list.split([',', ' ', '\n', '\t']).map(str::trim).filter(|i| !i.is_empty()) {
            let network = match item.parse::<IpNet>() {
                Ok(network) => network,
                Err(_) => item
                    .parse::<IpAddr>()
                    .map(IpNet::from)
                    .map_err(|_| format!("'{item}' is not an address (192.0.2.1) or a network (10.0.0.0/8)"))?,
            };
            networks.push(network);
        }
        Ok(Self(networks))
    }

    pub fn trusts(&self, address: IpAddr) -> bool {
        let address = address.to_canonical();
        self.0.iter().any(|network| network.contains(&address))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// The client's address: the socket's peer, or, when that is a trusted proxy, the rightmost hop
/// of `X-Forwarded-For` (all such headers, in order) that is not a trusted proxy. A hop that is
/// not an address ends the walk at the last address a trusted proxy vouched for, so a garbled
/// header can never give a made-up key.
pub fn client_address<'a>(
    peer: IpAddr,
    forwarded_for: impl DoubleEndedIterator<Item = &'a str>,
    trusted: &TrustedProxies,
) -> IpAddr {
    let mut client = peer.to_canonical();
    if !trusted.trusts(client) {
        return client;
    }
    let hops: Vec<&str> = forwarded_for.flat_map(|header| header.split(',')).map(str::trim).collect();
    for hop in hops.into_iter().rev() {
        let Some(address) = parse_hop(hop) else {
            return client;
        };
        client = address;
        if !trusted.trusts(client) {
            return client;
        }
    }
    client
}

/// One hop as proxies write it: `192.0.2.1`, `2001:db8::1`, and the forms with a port
/// (`192.0.2.1:51234`, `[2001:db8::1]:51234`) some add.
fn parse_hop(hop: &str) -> Option<IpAddr> {
    if let Ok(address) = hop.parse::<IpAddr>() {
        return Some(address.to_canonical());
    }
    hop.parse::<SocketAddr>().ok().map(|socket| socket.ip().to_canonical())
}

/// Puts the request's `ClientAddress` in its extensions, for `context::client_ip`.
pub async fn resolve(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    if let Some(ConnectInfo(peer)) = request.extensions().get::<ConnectInfo<SocketAddr>>().copied() {
        let headers = request.headers().get_all("x-forwarded-for").iter().filter_map(|v| v.to_str().ok());
        let address = client_address(peer.ip(), headers, &state.settings.trusted_proxies);
        request.extensions_mut().insert(ClientAddress(address));
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    fn proxies(list: &str) -> TrustedProxies {
        TrustedProxies::parse(list).unwrap()
    }

    #[test]
    fn without_trusted_proxies_the_header_is_ignored() {
        let none = TrustedProxies::default();
        assert_eq!(client_address(ip("203.0.113.5"), ["198.51.100.1"].into_iter(), &none), ip("203.0.113.5"));
        assert_eq!(client_address(ip("127.0.0.1"), ["198.51.100.1"].into_iter(), &none), ip("127.0.0.1"));
    }

    #[test]
    fn behind_the_proxy_the_hop_it_added_is_the_client() {
        let local = proxies("127.0.0.1");
        assert_eq!(client_address(ip("127.0.0.1"), ["198.51.100.1"].into_iter(), &local), ip("198.51.100.1"));
    }

    #[test]
    fn a_forged_header_counts_only_from_a_trusted_proxy() {
        let local = proxies("127.0.0.1");
        // Straight to the server with a made-up header: the socket is the client.
        assert_eq!(client_address(ip("203.0.113.5"), ["1.2.3.4"].into_iter(), &local), ip("203.0.113.5"));
        // Through the proxy with a made-up header: the proxy appends the real address, which wins.
        let forged = ["1.2.3.4, 203.0.113.5"];
        assert_eq!(client_address(ip("127.0.0.1"), forged.into_iter(), &local), ip("203.0.113.5"));
        // Claiming to be a trusted proxy does not help either: the real address is right of it.
        let claim = ["127.0.0.1, 203.0.113.5"];
        assert_eq!(client_address(ip("127.0.0.1"), claim.into_iter(), &local), ip("203.0.113.5"));
    }

    #[test]
    fn a_chain_of_trusted_proxies_is_walked_from_the_right() {
        let chain = proxies("127.0.0.1, 10.0.0.0/8");
        let headers = ["6.6.6.6, 198.51.100.1", "10.1.2.3"];
        assert_eq!(client_address(ip("127.0.0.1"), headers.into_iter(), &chain), ip("198.51.100.1"));
        // Every hop trusted: the leftmost is as far as anyone vouches.
        assert_eq!(client_address(ip("127.0.0.1"), ["10.0.0.9, 10.0.0.8"].into_iter(), &chain), ip("10.0.0.9"));
        // No header at all: the proxy itself.
        assert_eq!(client_address(ip("10.0.0.7"), std::iter::empty(), &chain), ip("10.0.0.7"));
    }

    #[test]
    fn garbage_never_becomes_an_address() {
        let local = proxies("127.0.0.1");
        assert_eq!(client_address(ip("127.0.0.1"), ["unknown"].into_iter(), &local), ip("127.0.0.1"));
        assert_eq!(client_address(ip("127.0.0.1"), ["x, 198.51.100.1"].into_iter(), &local), ip("198.51.100.1"));
        let with_ports = ["[2001:db8::7]:443", "192.0.2.4:5000"];
        let both = proxies("127.0.0.1, 192.0.2.4");
        assert_eq!(client_address(ip("127.0.0.1"), with_ports.into_iter(), &both), ip("2001:db8::7"));
    }

    #[test]
    fn ipv4_mapped_addresses_are_ipv4() {
        let local = proxies("127.0.0.1");
        assert_eq!(
            client_address(ip("::ffff:127.0.0.1"), ["::ffff:198.51.100.1"].into_iter(), &local),
            ip("198.51.100.1")
        );
    }

    #[test]
    fn the_setting_names_what_is_wrong() {
        assert_eq!(proxies(" 127.0.0.1,::1  10.0.0.0/8 ").0.len(), 3);
        assert!(TrustedProxies::parse("127.0.0.1, proxy.local").unwrap_err().contains("'proxy.local'"));
        assert!(TrustedProxies::parse("").unwrap().is_empty());
    }
}
