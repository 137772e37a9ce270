import Foundation
import NIOCore

/// The emulator could not start.
public struct EmulatorStartError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var description: String { message }

    /// Listening on `host:port` failed: which address, why in words, and what to do.
    static func cannotListen(host: String, port: Int, _ error: any Error) -> EmulatorStartError {
        let address = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        guard let io = error as? IOError else {
            return EmulatorStartError(message: "the emulator cannot listen on \(address): \(error)")
        }
        let why: String
        switch io.errnoCode {
        case EADDRINUSE:
            why = "the address is already in use (another emulator, or another program, listens there). Start it with another --port, or --port 0 to have a free one picked."
        case EACCES:
            why = "permission denied (ports below 1024 need privileges). Use a port above 1023, or --port 0."
        case EADDRNOTAVAIL:
            why = "\(host) is not an address of this machine. Use --host 127.0.0.1."
        default:
            why = "\(String(cString: strerror(io.errnoCode))) (errno \(io.errnoCode))."
        }
        return EmulatorStartError(message: "the emulator cannot listen on \(address): \(why)")
    }
}
