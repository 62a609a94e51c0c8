//! Mee-weten: what a resident can follow to be told when something new is published there.

use super::tenancy::AreaId;
use super::trajectories::{Theme, TrajectoryId};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FollowTarget {
    Trajectory(TrajectoryId),
    Area(AreaId),
    Theme(Theme),
}

impl FollowTarget {
    /// The stored (kind, target) pair.
    pub fn key(self) -> (&'static str, String) {
        match self {
            FollowTarget::Trajectory(id) => ("trajectory", id.0.to_string()),
            FollowTarget::Area(id) => ("area", id.0.to_string()),
            FollowTarget::Theme(theme) => ("theme", theme.as_str().to_owned()),
        }
    }

    pub fn parse(kind: &str, target: &str) -> Option<FollowTarget> {
        match kind {
            "trajectory" => target.parse().ok().map(|id| FollowTarget::Trajectory(TrajectoryId(id))),
            "area" => target.parse().ok().map(|id| FollowTarget::Area(AreaId(id))),
            "theme" => Theme::parse(target).map(FollowTarget::Theme),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_round_trip_through_their_stored_keys() {
        for target in [
            FollowTarget::Trajectory(TrajectoryId(12)),
            FollowTarget::Area(AreaId(3)),
            FollowTarget::Theme(Theme::Youth),
        ] {
            let (kind, key) = target.key();
            assert_eq!(FollowTarget::parse(kind, &key), Some(target));
        }
        assert_eq!(FollowTarget::parse("trajectory", "abc"), None);
        assert_eq!(FollowTarget::parse("person", "1"), None);
    }
}
