/// Why a package could not be read; the message goes to the submission's failure messages.
struct PackageReadError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
