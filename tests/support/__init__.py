"""What the tests share: calls with scripted or offline models, the LiveKit API stand-in, fakes
and helpers. No tests here."""
