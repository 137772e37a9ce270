-- escape: read the client secret from the environment outside any sandbox
-- env: HDC_CLIENT_SECRET=sk-escape-corpus-0123456789
-- env: HDC_ACCESS_TOKEN=eyJescape.corpus.token
-- exit: 0
-- stdout: secret: nil
-- stdout: token: nil
-- stdout: why: HDC_CLIENT_SECRET holds a secret
-- stdout: home: true
-- never: sk-escape-corpus-0123456789
-- never: eyJescape.corpus.token
local secret, why = os.getenv("HDC_CLIENT_SECRET")
print("secret: " .. tostring(secret))
print("token: " .. tostring(os.getenv("HDC_ACCESS_TOKEN")))
print("why: " .. tostring(why))
print("home: " .. tostring(os.getenv("HOME") ~= nil))
