extension Array {
    /// Removes the elements from `start` on that `isRemoved` picks (given each one's position and
    /// itself, in order, once), keeping the order of the rest: in one pass, where removing each one
    /// moved every later one.
    mutating func removeAll(from start: Int, where isRemoved: (Int, Element) throws -> Bool) rethrows {
        var kept = start
        for position in start..<count where !(try isRemoved(position, self[position])) {
            swapAt(kept, position)
            kept += 1
        }
        removeLast(count - kept)
    }
}
