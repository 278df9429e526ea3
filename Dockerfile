# The worker as the tests install it: Python 3.11, the project from pyproject.toml, and the
# Debian libraries it needs (PortAudio for the console module, espeak-ng for AGENT_TTS=espeak).
# Not built in this workplace (no container registry here); see README "Running in production".
FROM python:3.11-slim

RUN apt-get update \
 && apt-get install -y --no-install-recommends libportaudio2 espeak-ng \
 && rm -rf /var/lib/apt/lists/*

RUN useradd --create-home --uid 10001 agent
WORKDIR /home/agent/app
COPY pyproject.toml README.md ./
COPY agents ./agents
COPY tools ./tools
COPY workflows ./workflows
COPY prompts ./prompts
RUN pip install --no-cache-dir . && mkdir -p call-logs && chown agent call-logs
USER agent

# Download nothing at run time: models are either LiveKit Inference (cloud) or shipped in the
# wheel (pocketsphinx, silero VAD). Settings come from the environment (see .env.example).
ENV PYTHONUNBUFFERED=1
# The worker's health endpoint (GET / -> 200) listens here in `start` mode.
EXPOSE 8081
CMD ["python", "-m", "workflows.main", "start"]
