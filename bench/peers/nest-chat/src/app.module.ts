import { Module } from '@nestjs/common';
import { ChatGateway } from './chat.gateway';
import { HealthController } from './health.controller';

@Module({
  controllers: [HealthController],
  providers: [ChatGateway],
})
export class AppModule {}
