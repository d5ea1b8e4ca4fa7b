// The outbound queue's run loop inside `kurir serve` (DESIGN.md "queue/"):
// every [queue] poll_ms it takes the due messages from the store, groups
// their recipients by destination domain, and delivers each group over one
// connection, or a backlog over several at once (several messages and
// recipients per connection), within the per-domain and total connection limits. Each verdict is written to the
// store as soon as the remote has given it, so a restart neither loses nor
// repeats a delivery the remote confirmed. A message whose recipients are
// all final is removed, with its DSN (RFC 3464) queued in the same step; one
// still waiting for some after [queue] delay_warning gets its sender one
// "delayed" DSN, marked in the store so that it is sent once.
//
// Thread-safety: the runner has its own io_context and thread; start() and
// stop() from one thread (serve's). Store, DNS and MIME work go to the
// worker pool of the service context.
#pragma once

#include <memory>

#include "service/context.hpp"

namespace kurir::queue {

class Runner {
 public:
  explicit Runner(service::Context& context);
  ~Runner();  // stops
  Runner(const Runner&) = delete;
  Runner& operator=(const Runner&) = delete;

  // Starts the loop on its own thread. Fails when the resolver cannot be set up.
  Status start();
  // Stops taking new work, waits for open connections to finish their message.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kurir::queue
