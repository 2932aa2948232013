import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The live entries of a record an export keeps beside the site (`ExportRecordFile`), found by the
/// name each line begins with and kept where they lie in the bytes as read. A repeat export of a
/// large archive asks after a few hundred of the hundreds of thousands of entries: a dictionary
/// of a `String` for each was most of reading the records, and of freeing them.
///
/// Later lines override earlier ones, and a line may say its name is gone.
struct ExportRecordTable: Sendable {
    /// The record's bytes: every name and value is a range of them.
    let bytes: [UInt8]
    /// Open addressing over a power of two, probed one slot after another.
    private var slots: [Slot]
    /// How many names hold a value, not counting those gone.
    private(set) var count = 0
    /// How many slots hold a name, gone or not: what fills the table.
    private var used = 0
    /// What a batch of `set` read of its slots ahead, kept so that the reads are made.
    private var touched: UInt32 = 0
    /// Every name given a value, with the value, in the order set: in the bytes' order, so that a
    /// scan (`compactMapConcurrently`) reads them one after another. In the slots' order, they
    /// lie anywhere in the bytes, and waiting on each was most of a scan.
    private var lines: [Line] = []

    /// A name and the value a line gave it, as offsets into `bytes`.
    private struct Line {
        var name: UInt32
        var nameCount: UInt32
        var value: UInt32
        var valueCount: UInt32
    }

    /// An entry's place in `bytes`. Offsets are 32 bits, so a slot is 20 bytes: a record is
    /// refused at 4 GiB (`init`), far past a million stories' links.
    private struct Slot {
        /// The name's hash (`hash(_:)`), folded to 32 bits.
        var hash: UInt32 = 0
        var name: UInt32 = 0
        /// 0 for a free slot: no name is empty.
        var nameCount: UInt32 = 0
        var value: UInt32 = 0
        /// `gone` for a name whose last line said it is gone.
        var valueCount: UInt32 = 0

        static let gone = UInt32.max

        /// Whether a name is here and its last line gave it a value.
        var isLive: Bool { nameCount > 0 && valueCount != Self.gone }
        var nameRange: Range<Int> { Int(name)..<Int(name + nameCount) }
        var valueRange: Range<Int> { Int(value)..<Int(value + valueCount) }
    }

    /// Room for `capacity` names in `bytes`; nil when the bytes are past what the slots can point into.
    init?(bytes: [UInt8], capacity: Int) {
        guard bytes.count < Int(UInt32.max) else { return nil }
        self.bytes = bytes
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [Slot](repeating: Slot(), count: size)
        lines.reserveCapacity(capacity)
    }

    /// Sets the name at `name` to the value at `value`, or says it is gone when `value` is nil.
    mutating func set(name: Range<Int>, value: Range<Int>?) {
        precondition(!name.isEmpty && name.upperBound <= bytes.count)
        let hash = bytes.withUnsafeBufferPointer { Self.hash(UnsafeBufferPointer(rebasing: $0[name])) }
        set(name: name, hash: hash, value: value)
    }

    /// `set(name:value:)` for each of `entries`, in their order. Their names are hashed first and
    /// their slots read before any is filled, so that the reads from memory (a large record's
    /// table is tens of megabytes, and nearly every slot is a miss) go side by side: one at a
    /// time, they were most of reading the records.
    mutating func set(_ entries: [(name: Range<Int>, value: Range<Int>?)]) {
        let hashes = bytes.withUnsafeBufferPointer { buffer in
            entries.map { entry in
                precondition(!entry.name.isEmpty && entry.name.upperBound <= buffer.count)
                return Self.hash(UnsafeBufferPointer(rebasing: buffer[entry.name]))
            }
        }
        let mask = slots.count - 1
        var seen: UInt32 = 0
        for hash in hashes { seen ^= slots[Int(hash) & mask].nameCount }
        touched = seen
        for (entry, hash) in zip(entries, hashes) { set(name: entry.name, hash: hash, value: entry.value) }
    }

    /// Entries for `set(_:)`, gathered from a record's lines and set a batch at a time, in the
    /// order they were added; `finish` sets the last ones.
    struct Batches {
        private var pending: [(name: Range<Int>, value: Range<Int>?)] = []
        private static let size = 32

        init() { pending.reserveCapacity(Self.size) }

        mutating func add(name: Range<Int>, value: Range<Int>?, to table: inout ExportRecordTable) {
            pending.append((name, value))
            if pending.count == Self.size { finish(&table) }
        }

        mutating func finish(_ table: inout ExportRecordTable) {
            table.set(pending)
            pending.removeAll(keepingCapacity: true)
        }
    }

    private mutating func set(name: Range<Int>, hash: UInt32, value: Range<Int>?) {
        let index = bytes.withUnsafeBufferPointer { buffer in
            find(UnsafeBufferPointer(rebasing: buffer[name]), hash: hash, in: buffer)
        }
        var slot = slots[index]
        if slot.nameCount == 0 {
            // A free slot must stay for every probe run to end at.
            precondition(used < slots.count / 2 + slots.count / 4, "more names than the table was made for")
            slot = Slot(hash: hash, name: UInt32(name.lowerBound), nameCount: UInt32(name.count))
            used += 1
        } else if slot.valueCount != Slot.gone {
            count -= 1
        }
        if let value {
            (slot.value, slot.valueCount) = (UInt32(value.lowerBound), UInt32(value.count))
            count += 1
            lines.append(
                Line(
                    name: UInt32(name.lowerBound), nameCount: UInt32(name.count), value: slot.value,
                    valueCount: slot.valueCount))
        } else {
            (slot.value, slot.valueCount) = (0, Slot.gone)
        }
        slots[index] = slot
    }

    /// Where the value of `name` lies in `bytes`; nil when no line named it or the last said it is gone.
    func value(of name: String) -> Range<Int>? {
        var name = name
        return name.withUTF8 { value(of: $0) }
    }

    /// Where the value of the name spelled by `name` lies in `bytes`.
    func value(of name: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        guard !name.isEmpty else { return nil }
        let slot = bytes.withUnsafeBufferPointer { slots[find(name, hash: Self.hash(name), in: $0)] }
        return slot.isLive ? slot.valueRange : nil
    }

    /// Calls `body` with each live entry's name and value, in no order, as long as it answers true.
    func forEach(_ body: (_ name: UnsafeBufferPointer<UInt8>, _ value: Range<Int>) throws -> Bool) rethrows {
        try bytes.withUnsafeBufferPointer { buffer in
            for slot in slots where slot.isLive {
                guard try body(UnsafeBufferPointer(rebasing: buffer[slot.nameRange]), slot.valueRange) else { return }
            }
        }
    }

    /// The live entries' names as text, where `matching` takes their bytes; weighed on every core:
    /// a repeat export asks this of every file of a large archive, at its end, with a core idle.
    func names(where matching: @Sendable (UnsafeBufferPointer<UInt8>) -> Bool) -> [String] {
        compactMapConcurrently { name, _, _ in matching(name) ? String(decoding: name, as: UTF8.self) : nil }
    }

    /// What `transform` makes of each live entry (its name's bytes, its value's bytes and where
    /// those lie), leaving out nil, in no order; on every core, a share of the lines on each.
    /// Every line set is read in turn, and what `transform` makes of one kept only if its value
    /// is its name's last: a line's bytes follow the one before's, which memory serves far faster
    /// than a live entry's bytes in the slots' order.
    func compactMapConcurrently<T: Sendable>(
        _ transform:
            @Sendable (
                _ name: UnsafeBufferPointer<UInt8>, _ value: UnsafeBufferPointer<UInt8>, _ place: Range<Int>
            ) -> T?
    ) -> [T] {
        let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let share = max(1, (lines.count + cores - 1) / cores)
        let parts = stride(from: 0, to: lines.count, by: share).map { $0..<min(lines.count, $0 + share) }
        return Array(
            parts.concurrentMap { part in
                var found: [T] = []
                bytes.withUnsafeBufferPointer { buffer in
                    for line in lines[part] {
                        let name = UnsafeBufferPointer(
                            rebasing: buffer[Int(line.name)..<Int(line.name + line.nameCount)])
                        let place = Int(line.value)..<Int(line.value + line.valueCount)
                        guard let made = transform(name, UnsafeBufferPointer(rebasing: buffer[place]), place) else {
                            continue
                        }
                        // Its name's last value, and not said gone since: its slot points at it.
                        let slot = slots[find(name, hash: Self.hash(name), in: buffer)]
                        if slot.isLive && slot.value == line.value && slot.valueCount == line.valueCount {
                            found.append(made)
                        }
                    }
                }
                return found
            }.joined())
    }

    /// The slot that holds `name`, or the free one where it would go.
    private func find(_ name: UnsafeBufferPointer<UInt8>, hash: UInt32, in buffer: UnsafeBufferPointer<UInt8>)
        -> Int
    {
        let mask = slots.count - 1
        var index = Int(hash) & mask
        while true {
            let slot = slots[index]
            if slot.nameCount == 0 { return index }
            if slot.hash == hash, Int(slot.nameCount) == name.count,
                memcmp(buffer.baseAddress! + Int(slot.name), name.baseAddress!, name.count) == 0
            {
                return index
            }
            index = (index + 1) & mask
        }
    }

    /// `ByteHash` folded to the slots' 32 bits.
    private static func hash(_ name: UnsafeBufferPointer<UInt8>) -> UInt32 {
        UInt32(truncatingIfNeeded: ByteHash.of(UnsafeRawBufferPointer(name)))
    }
}
