extension HDCDocumentation {
    static var preprodModule: LuaModuleDoc {
        LuaModuleDoc(
            name: "hdc.preprod",
            summary: "Pre-production signing: send a driver package, follow its signing status, list and download what Microsoft signed.",
            description: "A package sent with `hdc.preprod.submit` is signed for pre-production testing without a product or a submission. Its `signingStatus` goes `NotStarted`, `Processing`, then `Succeeded` (its assets list the signed files, `assetType` \"SignedFilesZip\") or `Failed` (`error.message` says why). Package and asset IDs are strings.",
            functions: HDCModule.preprodBindings.map(\.doc),
            classes: [
                LuaClassDoc(
                    "hdc.PreprodPackage", "A package sent for pre-production signing; every field the service sent is kept.",
                    fields: [
                        LuaFieldDoc("id", "string", "the package's ID"),
                        LuaFieldDoc("signingStatus", "string", "NotStarted, Processing, Succeeded, Failed"),
                        LuaFieldDoc("error", "table", "`message`: why signing failed (empty until then)"),
                        LuaFieldDoc("assets", "hdc.PreprodAsset[]|nil", "the signed files, once signed (as `hdc.preprod.assets` lists them)"),
                        LuaFieldDoc("lastModified", "string", "when the package last changed"),
                    ], isOpen: true),
                LuaClassDoc(
                    "hdc.PreprodAsset", "A file made from a pre-production package: the signed files.",
                    fields: [
                        LuaFieldDoc("id", "string", "the asset's ID"),
                        LuaFieldDoc("packageId", "string", "the package it belongs to"),
                        LuaFieldDoc("assetType", "string", "\"SignedFilesZip\": the package signed by Microsoft"),
                        LuaFieldDoc("createdDate", "string", "when it was made"),
                        LuaFieldDoc("contentHash", "string", "SHA-256 of its content"),
                    ], isOpen: true),
            ])
    }
}
