# premarket in a container: Debian 12 (bookworm), the packaged libraries
# premarket links, no compiler in the final image, running as a non-root user.
#
#   docker build -t premarket .
#   docker run --rm -v "$PWD:/work" premarket build model.yaml -o out --format md,html,pdf
#
# The working directory is /work: mount the folder that holds the model there.
# See docs/ci.md for use in CI.  tests/cli/docker.sh builds this image and
# runs it when a docker daemon is reachable.

FROM debian:bookworm-slim AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      make gcc libc6-dev pkg-config libyaml-dev libxml2-dev libcmark-gfm-dev \
      libcmark-gfm-extensions-dev libhpdf-dev libgraphviz-dev libssl-dev libxlsxwriter-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN make clean && make -j"$(nproc)" PREFIX=/usr \
 && make install PREFIX=/usr DESTDIR=/out

FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      libyaml-0-2 libxml2 libcmark-gfm0.29.0.gfm.6 libcmark-gfm-extensions0.29.0.gfm.6 \
      libhpdf-2.3.0 libgvc6 libcgraph6 libssl3 libxlsxwriter4 fonts-dejavu-core fonts-wqy-microhei \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --create-home --uid 1000 premarket
COPY --from=build /out/usr /usr
USER premarket
WORKDIR /work
ENTRYPOINT ["premarket"]
CMD ["--help"]
