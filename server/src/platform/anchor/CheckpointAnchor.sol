// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// @title Checkpoint anchors for transparency logs
/// @notice Records the signed checkpoints of a transparency log (its origin, tree size and root hash) so that
/// anyone can later show the log had that tree by that block. Only the owner (the log's operator) anchors, and a
/// log's anchored size only grows: once a root is anchored, the log cannot quietly present another history for it.
contract CheckpointAnchor {
    struct Anchor {
        uint64 treeSize;
        bytes32 root;
    }

    address public immutable owner;
    mapping(string origin => Anchor) private anchors;

    event Anchored(string origin, uint64 indexed treeSize, bytes32 root);

    error NotOwner(address caller);
    error TreeSizeMustGrow(uint64 anchored, uint64 given);

    constructor() {
        owner = msg.sender;
    }

    /// @notice Anchors a checkpoint of the log `origin`: `treeSize` entries with root hash `root`.
    function anchor(string calldata origin, uint64 treeSize, bytes32 root) external {
        if (msg.sender != owner) revert NotOwner(msg.sender);
        Anchor storage last = anchors[origin];
        if (treeSize <= last.treeSize) revert TreeSizeMustGrow(last.treeSize, treeSize);
        last.treeSize = treeSize;
        last.root = root;
        emit Anchored(origin, treeSize, root);
    }

    /// @notice The latest anchored checkpoint of `origin` (0 and an empty root when none).
    function latest(string calldata origin) external view returns (uint64 treeSize, bytes32 root) {
        Anchor storage last = anchors[origin];
        return (last.treeSize, last.root);
    }
}
