#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TrackLintCLI

/// The progress line on stderr: redrawn in place after a carriage return, cut to the terminal's
/// width so that it never wraps (a wrapped line cannot be redrawn), erased before output and at
/// the end.
final class ProgressLine {
    private var drawn = false

    func update(_ update: ProgressUpdate) {
        switch update {
        case .show(let progress):
            write("\r" + String(progress.line.prefix(max(1, width() - 1))) + "\u{1B}[K")
            drawn = true
        case .erase:
            clear()
        }
    }

    /// Erases the line if it is drawn, so that output starts on a clean line.
    func clear() {
        guard drawn else { return }
        write("\r\u{1B}[K")
        drawn = false
    }

    private func width() -> Int {
        var size = winsize()
        return ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 ? Int(size.ws_col) : 80
    }

    private func write(_ text: String) {
        let bytes = Array(text.utf8)
        bytes.withUnsafeBufferPointer { buffer in
            var offset = 0
            while offset < buffer.count {
                let count = Glibc.write(STDERR_FILENO, buffer.baseAddress! + offset, buffer.count - offset)
                if count <= 0 { return }  // stderr gone: the progress line is not worth an error
                offset += count
            }
        }
    }
}
