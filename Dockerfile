# quotewire API image: gunicorn serving the app, as `quotewire serve` runs it everywhere.
FROM python:3.11-slim AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/venv
COPY requirements.txt /tmp/requirements.txt
RUN /opt/venv/bin/pip install -r /tmp/requirements.txt

FROM python:3.11-slim
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    QUOTEWIRE_BIND=0.0.0.0:8000
RUN useradd --system --create-home --home-dir /app --uid 10001 quotewire
WORKDIR /app
COPY --from=build /opt/venv /opt/venv
COPY --chown=quotewire:quotewire . /app
RUN pip install --no-deps --no-cache-dir -e /app && mkdir -p /app/var && chown quotewire /app/var
USER quotewire
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
    CMD ["python", "-c", "import urllib.request, sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4).status != 200)"]
CMD ["quotewire", "serve", "--migrate"]
