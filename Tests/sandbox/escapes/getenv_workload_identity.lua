-- escape: read the federated token's request pair and file from the environment
-- env: ACTIONS_ID_TOKEN_REQUEST_TOKEN=gh-request-escape-corpus-0123456789
-- env: ACTIONS_ID_TOKEN_REQUEST_URL=http://127.0.0.1:9/token?api-version=2.0
-- env: AZURE_FEDERATED_TOKEN_FILE=/var/run/secrets/azure/tokens/azure-identity-token
-- env: HDC_CERTIFICATE_PASSWORD=escape-corpus-passphrase
-- env: IDENTITY_HEADER=escape-corpus-identity-header
-- exit: 0
-- stdout: request token: nil
-- stdout: request url: nil
-- stdout: token file: nil
-- stdout: passphrase: nil
-- stdout: identity header: nil
-- never: gh-request-escape-corpus-0123456789
-- never: escape-corpus-passphrase
-- never: escape-corpus-identity-header
print("request token: " .. tostring(os.getenv("ACTIONS_ID_TOKEN_REQUEST_TOKEN")))
print("request url: " .. tostring(os.getenv("ACTIONS_ID_TOKEN_REQUEST_URL")))
print("token file: " .. tostring(os.getenv("AZURE_FEDERATED_TOKEN_FILE")))
print("passphrase: " .. tostring(os.getenv("HDC_CERTIFICATE_PASSWORD")))
print("identity header: " .. tostring(os.getenv("IDENTITY_HEADER")))
