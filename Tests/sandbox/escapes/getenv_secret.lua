-- escape: read the client secret from the environment
-- args: --sandbox --allow-env HOME
-- env: HDC_CLIENT_SECRET=sk-escape-corpus-0123456789
-- env: HDC_ACCESS_TOKEN=eyJescape.corpus.token
-- exit: 0
-- stdout: secret: nil
-- stdout: token: nil
-- stdout: home granted: true
-- never: sk-escape-corpus-0123456789
-- never: eyJescape.corpus.token
print("secret: " .. tostring(os.getenv("HDC_CLIENT_SECRET")))
print("token: " .. tostring(os.getenv("HDC_ACCESS_TOKEN")))
print("home granted: " .. tostring(os.getenv("HOME") ~= nil))
