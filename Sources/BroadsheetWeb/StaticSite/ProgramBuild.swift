import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Which build of Broadsheet is running, as an export notes it (`ExportState.program`): another
/// build may render the same stories differently (a fix to what a page shows), and the pages a
/// repeat export leaves alone would keep the old rendering. The running program's size and the time
/// its file was last written: a new build or an upgrade changes both, and reading them costs a
/// `stat`, where hashing the program's bytes (216 MB for a release build) took 1.7 s, twice a
/// repeat export.
enum ProgramBuild {
    static let current: String = {
        var info = stat()
        guard stat("/proc/self/exe", &info) == 0 else { return "" }
        return "\(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
    }()
}
